package io.rusm.bench.spring;

/**
 * The ledger as an ordinary singleton bean guarded by its monitor: what a Spring user writes
 * without rusm.
 */
public class SynchronizedLedger {

    private final Ledger ledger = new Ledger();

    /** Creates the bean. */
    public SynchronizedLedger() {
    }

    /**
     * Applies one request under the bean's monitor.
     *
     * @param add the request
     * @return the counter's new value
     */
    public synchronized long add(Add add) {
        return this.ledger.add(add);
    }
}
