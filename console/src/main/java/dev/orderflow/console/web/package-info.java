/** What goes wrong upstream, answered as RFC 9457 problem bodies. */
package dev.orderflow.console.web;
