package io.caas.web.edge;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The limits the HTTP edge answers in the JSON error shape, under {@code caas.web.limits}. They sit below Vert.x'
 * own ({@code quarkus.http.limits.max-initial-line-length}, {@code .max-header-size}), which reject larger requests
 * before any handler runs — with a bare status, since Quarkus offers no hook for Vert.x' invalid-request handler.
 */
@ConfigMapping(prefix = "caas.web.limits")
public interface EdgeConfig {

    /** Longest request target (path and query), in characters; longer ones get 414. */
    @WithDefault("8192")
    int maxUriLength();

    /** Most header bytes (names, values, separators) a request may carry; more gets 431. */
    @WithDefault("16K")
    MemorySize maxHeaderSize();
}
