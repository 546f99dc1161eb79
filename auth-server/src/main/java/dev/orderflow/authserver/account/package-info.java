/** The people who can sign in (customers and the operator) and which scopes each may be given. */
package dev.orderflow.authserver.account;
