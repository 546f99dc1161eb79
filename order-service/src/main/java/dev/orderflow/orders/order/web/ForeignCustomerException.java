package dev.orderflow.orders.order.web;

/** A customer asked to place or list orders in another customer's name: 403. */
class ForeignCustomerException extends RuntimeException {

    ForeignCustomerException(String action) {
        super("A customer " + action + " only in its own name: customerId must be the token's subject");
    }
}
