package dev.orderflow.orders.order.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The order's total (sum of quantity × unitPriceMinor) fits in a long; reported on the field {@code items}. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = TotalFitsInLong.Check.class)
public @interface TotalFitsInLong {

    String message() default "the order total (sum of quantity × unitPriceMinor) must fit in a signed 64-bit integer";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Adds up the valid lines; lines with missing numbers are reported by their own constraints. */
    class Check implements ConstraintValidator<TotalFitsInLong, CreateOrderRequest> {

        @Override
        public boolean isValid(CreateOrderRequest request, ConstraintValidatorContext context) {
            if (request == null || request.items() == null) {
                return true;
            }
            try {
                long total = 0;
                for (CreateOrderRequest.Item item : request.items()) {
                    if (item != null && item.quantity() != null && item.unitPriceMinor() != null) {
                        total = Math.addExact(total, Math.multiplyExact(item.unitPriceMinor(), (long) item.quantity()));
                    }
                }
                return true;
            } catch (ArithmeticException e) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                        .addPropertyNode("items")
                        .addConstraintViolation();
                return false;
            }
        }
    }
}
