package io.leakhound.fleet;

import java.io.IOException;

/**
 * Prometheus could not be read: unreachable, an error answer (with its HTTP status and Prometheus' own message),
 * or a body that is not its JSON. An {@link IOException}, because it is the input that failed, not leakhound.
 */
public final class PrometheusException extends IOException {

    private static final long serialVersionUID = 1L;

    public PrometheusException(String message) {
        super(message);
    }
}
