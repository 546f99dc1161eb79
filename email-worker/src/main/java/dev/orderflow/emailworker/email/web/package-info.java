/** The read-only HTTP face of sent emails, for the demo and for support. */
package dev.orderflow.emailworker.email.web;
