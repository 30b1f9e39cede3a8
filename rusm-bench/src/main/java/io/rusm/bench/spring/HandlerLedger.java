package io.rusm.bench.spring;

import io.rusm.spring.boot.RusmHandler;
import io.rusm.spring.boot.RusmProcess;

/**
 * The ledger as a {@code @RusmProcess} singleton with a {@code @RusmHandler}: the way the
 * starter invites a Spring user to write a stateful service.
 */
@RusmProcess(name = HandlerLedger.NAME)
public class HandlerLedger {

    /** The singleton's registered name. */
    public static final String NAME = "w8-handler";

    private final Ledger ledger = new Ledger();

    /** Creates the bean. */
    public HandlerLedger() {
    }

    /**
     * Handles one request in the singleton's process.
     *
     * @param add the request
     * @return the counter's new value, the call's reply (dropped for a request sent without a call)
     */
    @RusmHandler
    public long add(Add add) {
        return this.ledger.add(add);
    }
}
