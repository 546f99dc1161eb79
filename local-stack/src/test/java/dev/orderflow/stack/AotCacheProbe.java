package dev.orderflow.stack;

/** The tiny application {@link AotCacheTest} packs into a jar and trains a cache for: it prints its environment. */
final class AotCacheProbe {

    private AotCacheProbe() {
    }

    public static void main(String[] args) {
        System.out.println("probe: " + System.getenv("PROBE_GREETING"));
    }
}
