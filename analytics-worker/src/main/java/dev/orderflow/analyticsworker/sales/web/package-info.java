/**
 * The read-only HTTP face of the sales figures: {@code GET /analytics/daily}, {@code /regions}, {@code /skus} and
 * {@code /outcomes}.
 */
package dev.orderflow.analyticsworker.sales.web;
