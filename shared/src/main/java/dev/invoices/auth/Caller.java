package dev.invoices.auth;

/**
 * Who a request acts for. The customer a caller may touch, and the scope its idempotency keys live in, come
 * from here and nowhere else.
 */
public sealed interface Caller {
    /** Whether this caller may read or change the invoices of {@code customerId}. */
    boolean mayAccess(String customerId);

    /** The namespace of this caller's idempotency keys: one caller's key never reaches another's answer. */
    String idempotencyScope();

    /** A customer's own token: that customer's invoices only. */
    record Customer(String customerId) implements Caller {
        @Override
        public boolean mayAccess(String id) {
            return customerId.equals(id);
        }

        @Override
        public String idempotencyScope() {
            return "customer:" + customerId;
        }
    }

    /** An operator with the admin scope: any customer. */
    record Admin() implements Caller {
        @Override
        public boolean mayAccess(String customerId) {
            return true;
        }

        @Override
        public String idempotencyScope() {
            return "admin";
        }
    }

    /**
     * A caller that authorization does not apply to: EventBridge rules of this stack (which only this account's
     * bus can trigger) and local use with authorization off.
     */
    record Trusted(String scope) implements Caller {
        @Override
        public boolean mayAccess(String customerId) {
            return true;
        }

        @Override
        public String idempotencyScope() {
            return "trusted:" + scope;
        }
    }
}
