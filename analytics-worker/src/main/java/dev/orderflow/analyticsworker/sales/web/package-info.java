/** The read-only HTTP face of the sales figures: {@code GET /analytics/daily}, {@code /regions}, {@code /skus}. */
package dev.orderflow.analyticsworker.sales.web;
