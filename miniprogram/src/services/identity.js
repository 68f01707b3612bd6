// Who is signed in, and the roles they hold.
const api = require('./request');

/** Signs in (through the WeChat seam) and answers the session: token, user and roles. */
function dispatchSignIn() {
  return api.signIn();
}

/** The signed-in user and their roles, from the server. */
function fetchMe(options = {}) {
  return api.request('me', options);
}

function dispatchAcceptInvite(token, options = {}) {
  return api.request('acceptInvite', { ...options, body: { token } });
}

async function dispatchSignOut(options = {}) {
  try {
    await api.request('signOut', { ...options, quiet: true });
  } finally {
    api.clearSession();
  }
}

module.exports = { dispatchSignIn, fetchMe, dispatchAcceptInvite, dispatchSignOut };
