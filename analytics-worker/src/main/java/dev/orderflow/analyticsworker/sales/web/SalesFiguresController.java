package dev.orderflow.analyticsworker.sales.web;

import dev.orderflow.analyticsworker.sales.OutcomeFigures;
import dev.orderflow.analyticsworker.sales.SalesFigures;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.BindException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sales figures and order outcomes, read-only, over an optional range of UTC days: {@code from} and {@code to} are ISO dates, both
 * inclusive, open-ended when absent. A date that does not parse, or {@code from} after {@code to}, is a 400 problem
 * naming the parameter.
 */
@RestController
// Operations only (ARCHITECTURE.md, Security): a worker's records are read by the people who run it.
@PreAuthorize("hasAuthority('SCOPE_ops')")
@RequestMapping("/analytics")
class SalesFiguresController {

    private final SalesFigures figures;
    private final OutcomeFigures outcomes;

    SalesFiguresController(SalesFigures figures, OutcomeFigures outcomes) {
        this.figures = figures;
        this.outcomes = outcomes;
    }

    /** The {@code from} and {@code to} query parameters. */
    record Days(@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {

        LocalDate first() {
            return from == null ? LocalDate.of(1970, 1, 1) : from;
        }

        LocalDate last() {
            return to == null ? LocalDate.of(9999, 12, 31) : to;
        }
    }

    /** Orders and gross revenue per day and currency, by day. */
    @GetMapping("/daily")
    List<SalesFigures.DailySales> daily(Days days) {
        return figures.daily(days.first(), nonEmpty(days).last());
    }

    /** Orders and gross revenue per region and currency over the days. */
    @GetMapping("/regions")
    List<SalesFigures.RegionSales> regions(Days days) {
        return figures.regions(days.first(), nonEmpty(days).last());
    }

    /** Orders, units and gross revenue per SKU and currency over the days, best sellers first. */
    @GetMapping("/skus")
    List<SalesFigures.SkuSales> skus(Days days) {
        return figures.skus(days.first(), nonEmpty(days).last());
    }

    /**
     * Confirmed orders, cancelled orders (in all and per reason) and per currency the charged, refunded and net
     * amounts, per day, by day; only days with any of them.
     */
    @GetMapping("/outcomes")
    List<OutcomeFigures.DailyOutcomes> outcomes(Days days) {
        return outcomes.daily(days.first(), nonEmpty(days).last());
    }

    @ExceptionHandler(BindException.class)
    ProblemDetail unreadableDays(BindException e) {
        return badRequest(e.getFieldErrors().stream().map(error -> error.getField()).distinct()
                .map(field -> Map.of("field", field, "message", "must be an ISO date such as 2026-11-25"))
                .toList());
    }

    @ExceptionHandler(EmptyRange.class)
    ProblemDetail emptyRange() {
        return badRequest(List.of(Map.of("field", "from", "message", "must not be after to")));
    }

    private static Days nonEmpty(Days days) {
        if (days.first().isAfter(days.last())) {
            throw new EmptyRange();
        }
        return days;
    }

    private static ProblemDetail badRequest(List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid range of days");
        problem.setProperty("errors", errors);
        return problem;
    }

    /** {@code from} is after {@code to}. */
    static class EmptyRange extends RuntimeException {
        EmptyRange() {
            super("from is after to", null, false, false);
        }
    }
}
