// The app holds no state of its own: the session lives in storage (services/request.js), each page reads what it
// shows from the server.
App({});
