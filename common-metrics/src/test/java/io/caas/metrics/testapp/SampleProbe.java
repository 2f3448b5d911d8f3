package io.caas.metrics.testapp;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.caas.metrics.probe.DependencyProbe;

/** A dependency whose health the test switches. */
@ApplicationScoped
public class SampleProbe implements DependencyProbe {

    private volatile boolean healthy = true;

    public void setHealthy(boolean healthy) {
        this.healthy = healthy;
    }

    @Override
    public String dependency() {
        return "sample-db";
    }

    @Override
    public void check(Duration timeout) {
        if (!healthy) {
            throw new IllegalStateException("sample-db is down");
        }
    }
}
