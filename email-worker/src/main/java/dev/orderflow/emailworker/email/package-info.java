/**
 * An order's emails: the confirmation of each new order and the notice of each cancelled one, each sent once over
 * SMTP with a Message-ID derived from the order id and the kind of email; the {@code sent_emails} table, written
 * before the send (the attempt) and after it (sent); and {@code known_orders}, which lets a cancellation that arrives
 * before its order wait for it.
 */
package dev.orderflow.emailworker.email;
