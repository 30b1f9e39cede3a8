package io.rusm.bench.spring;

/**
 * The request of every W8 variant: add {@code amount} to the counter in {@code slot}.
 *
 * @param slot which counter, from 0 to {@link Ledger#SLOTS} − 1
 * @param amount what to add
 */
public record Add(int slot, long amount) {

}
