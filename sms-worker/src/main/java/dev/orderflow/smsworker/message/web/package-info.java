/** The read-only HTTP face of sent texts, for the demo and for support. */
package dev.orderflow.smsworker.message.web;
