package dev.orderflow.emailworker.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.events.OrderCancelled.Reason;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CancellationNoticeTest {

    private static final UUID ORDER = UUID.fromString("5f1c2c2a-0000-4000-8000-000000000001");

    @Test
    void noticeOfADeclinedPaymentSaysSoAndThatNothingWasCharged() {
        OrderMail notice = CancellationNotice.of(ORDER, Reason.PAYMENT_DECLINED, 2598, "EUR", "ada@example.com",
                "orderflow");

        assertThat(notice.text()).contains("your order " + ORDER + " is cancelled",
                "Why: your payment was declined.", "Nothing was charged for it (order total: 25.98 EUR).");
    }

    @Test
    void noticeOfMissingStockSaysSoAndThatAnyChargeIsRefunded() {
        OrderMail notice = CancellationNotice.of(ORDER, Reason.OUT_OF_STOCK, 1000, "JPY", "ada@example.com",
                "orderflow");

        assertThat(notice.text()).contains("Why: some of the items are out of stock.",
                "If you were charged for it (order total: 1000 JPY), the charge is refunded.");
    }

    @Test
    void noticeOfTheCustomersOwnCancellationSaysTheyAskedForIt() {
        OrderMail notice = CancellationNotice.of(ORDER, Reason.CUSTOMER_REQUEST, 500, "USD", "ada@example.com",
                "orderflow");

        assertThat(notice.text()).contains("Why: you asked us to cancel it.", "(order total: 5.00 USD)");
    }

    @Test
    void noticeHasAMessageIdOfItsOwnDerivedFromTheOrder() {
        OrderMail notice = CancellationNotice.of(ORDER, Reason.CUSTOMER_REQUEST, 500, "USD", "ada@example.com",
                "orderflow");

        assertThat(notice.messageId()).isEqualTo("<order-" + ORDER + "-cancellation@orderflow>")
                .isNotEqualTo(ConfirmationMail.messageIdOf(ORDER, "orderflow"));
        assertThat(notice.kind()).isEqualTo(SentEmail.Kind.ORDER_CANCELLATION);
        assertThat(notice.subject()).isEqualTo("Your order " + ORDER + " is cancelled");
    }
}
