/**
 * Order-confirmation emails: the handler that sends each new order's email once over SMTP with a Message-ID derived
 * from the order id, and the {@code sent_emails} table, written before the send (the attempt) and after it (sent).
 */
package dev.orderflow.emailworker.email;
