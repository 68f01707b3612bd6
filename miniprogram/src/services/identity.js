// Who is signed in, and the roles they hold.
const api = require('./request');

/** The signed-in user and their roles, from the server. */
function fetchMe(options = {}) {
  return api.request('me', options);
}

function dispatchAcceptInvite(token, options = {}) {
  return api.request('acceptInvite', { ...options, body: { token } });
}

/** Ends the session on the server when there is one, and forgets it here whatever the server answers. */
async function dispatchSignOut() {
  if (api.token()) {
    try {
      await api.request('signOut', { quiet: true });
    } catch (error) {
      // Unreachable now: the session still ends by itself when it expires; this phone forgets it at once.
    }
  }
  api.clearSession();
}

module.exports = { fetchMe, dispatchAcceptInvite, dispatchSignOut };
