package io.leakhound.junit;

/** A class a test loads in a class loader of its own, as a plugin system would. */
public class PluginFixture {
    public static final byte[] STATE = new byte[4096];
}
