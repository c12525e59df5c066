package io.leakhound.demo;

import java.util.Map;

/**
 * A simulated request: an id, a user, query parameters and a body, all freshly allocated per request.
 *
 * @param id      sequence number, unique for the service's life
 * @param user    the calling user
 * @param params  query parameters
 * @param body    the request body
 */
record Request(long id, String user, Map<String, String> params, byte[] body) {
}
