package io.leakhound.demo;

/** PLACEHOLDER: helper "demo" completes this. The demo service's behaviours, one per leak pattern. */
public enum DemoMode {
    LISTENER_LEAK
}
