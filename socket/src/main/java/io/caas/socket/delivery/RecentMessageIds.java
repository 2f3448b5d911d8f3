package io.caas.socket.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The message ids this replica delivered most recently, so an event Kafka holds twice (a retried publish whose
 * first attempt landed after all) is pushed once. Bounded: the oldest ids are forgotten first. Used by the fan-out's
 * one thread only.
 */
final class RecentMessageIds {

    private final Map<String, Boolean> ids;

    RecentMessageIds(int capacity) {
        this.ids = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True the first time {@code messageId} is seen (within the memory), false for a repeat. */
    boolean firstTime(String messageId) {
        return ids.putIfAbsent(messageId, Boolean.TRUE) == null;
    }
}
