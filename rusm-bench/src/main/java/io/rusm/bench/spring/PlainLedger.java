package io.rusm.bench.spring;

import io.rusm.core.Call;
import io.rusm.core.Context;
import io.rusm.core.ProcessBody;
import io.rusm.spring.boot.RusmProcess;

/**
 * The ledger as a {@code @RusmProcess} singleton that owns its receive loop (a plain
 * {@link ProcessBody}, like the sample's visit counter): the same work without handler dispatch.
 */
@RusmProcess(name = PlainLedger.NAME)
public class PlainLedger implements ProcessBody {

    /** The singleton's registered name. */
    public static final String NAME = "w8-plain";

    /** Creates the bean. */
    public PlainLedger() {
    }

    /**
     * Answers each call with the counter's new value; applies a request sent without a call.
     *
     * @param ctx the process's context
     */
    @Override
    public void run(Context ctx) {
        Ledger ledger = new Ledger();
        while (true) {
            Object message = ctx.receive();
            if (message instanceof Call call && call.request() instanceof Add add) {
                call.reply(ledger.add(add));
            } else if (message instanceof Add add) {
                ledger.add(add);
            }
        }
    }
}
