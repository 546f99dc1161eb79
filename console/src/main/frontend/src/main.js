import './style.css';
import { h, replaceChildren } from './dom.js';
import { api, csrfToken } from './http.js';
import { showCustomer } from './customer.js';
import { showOperations } from './operations.js';

const main = document.getElementById('main');
const who = document.getElementById('who');

async function start() {
  let me;
  try {
    me = await api('/api/me');
  } catch (error) {
    if (error.status === 401) {
      showSignIn();
      return;
    }
    replaceChildren(main, h('p', { role: 'alert' }, `The console cannot tell who you are: ${error.message}`));
    return;
  }
  replaceChildren(who, h('span', {}, `${me.role === 'operations' ? 'Operations' : 'Customer'}: `, h('strong', {}, me.name)),
    signOutForm());
  if (me.role === 'operations') showOperations(main);
  else showCustomer(main, me);
}

function showSignIn() {
  replaceChildren(main, h('section', { class: 'card signin', 'aria-labelledby': 'signin-title' },
    h('h2', { id: 'signin-title' }, 'Sign in'),
    h('p', {}, 'The local stack\'s authorization server asks for a name and password.'),
    h('ul', { class: 'choices' },
      h('li', {}, h('a', { class: 'button', href: '/oauth2/authorization/orderflow' }, 'Sign in as a customer'),
        h('p', { class: 'hint' }, 'Any customer id, password ', h('code', {}, 'local-demo'),
          '. An id ending in ', h('code', {}, '-declined'), ' (say ', h('code', {}, 'ada-declined'),
          ') has every payment declined.')),
      h('li', {}, h('a', { class: 'button', href: '/oauth2/authorization/operations' }, 'Sign in as operations'),
        h('p', { class: 'hint' }, 'User ', h('code', {}, 'operator'), ', password ', h('code', {}, 'local-operator'),
          ' (local-stack defaults).')))));
}

function signOutForm() {
  // A form POST with the CSRF token: Spring Security signs out only by POST.
  return h('form', { method: 'post', action: '/logout', class: 'signout' },
    h('input', { type: 'hidden', name: '_csrf', value: csrfToken(document.cookie) ?? '' }),
    h('button', { type: 'submit', class: 'secondary' }, 'Sign out'));
}

start();
