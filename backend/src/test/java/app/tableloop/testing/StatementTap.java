package app.tableloop.testing;

import app.tableloop.platform.config.DatabaseUrl;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback proxy in front of PostgreSQL that lets every byte through and writes down each statement a client has
 * the server execute (a simple query, or an execute of a prepared statement, with its SQL), per connection. The
 * service under test connects through it unchanged, so that a test can count what one request costs the database.
 */
public final class StatementTap implements AutoCloseable {
  private static final int SSL_REQUEST = 80877103;
  private static final int GSS_REQUEST = 80877104;
  /** The command that opens a transaction, as the service sends it (read-only ones at repeatable read). */
  private static final String BEGIN = "(?i)BEGIN( ISOLATION LEVEL REPEATABLE READ)?( READ ONLY)?";

  /**
   * One statement executed, on the {@code connection}th connection through the tap, in the client's {@code round}th
   * sending on it: messages the client sent together, without waiting for an answer, share a round.
   */
  public record Executed(int connection, String sql, int round) {
  }

  /**
   * A transaction (from the message that begins with BEGIN to the one that ends with COMMIT or ROLLBACK, both
   * counted) or a statement on its own, of one connection, with the round each statement was sent in.
   */
  public record Unit(int connection, List<String> statements, List<Integer> rounds) {
    public boolean mentions(String text) {
      return statements.stream().anyMatch(sql -> sql.contains(text));
    }

    /** How many round trips its statements took. */
    public int roundTrips() {
      return (int) rounds.stream().distinct().count();
    }

    /** Whether the last statement mentioning {@code text} was sent together with the one before it. */
    public boolean sentWithTheOneBefore(String text) {
      for (int i = statements.size() - 1; i > 0; i--) {
        if (statements.get(i).contains(text)) {
          return rounds.get(i).equals(rounds.get(i - 1));
        }
      }
      return false;
    }
  }

  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final AtomicInteger connections = new AtomicInteger();
  /** The answers' bytes since the last clear, every connection's in turn (a test clears before what it looks at). */
  private final ByteArrayOutputStream answers = new ByteArrayOutputStream();
  private final List<Executed> executed = new ArrayList<>();
  private final List<Socket> sockets = new ArrayList<>();

  private StatementTap(ServerSocket server, String targetHost, int targetPort) {
    this.server = server;
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  public static StatementTap in(String targetHost, int targetPort) {
    try {
      StatementTap tap = new StatementTap(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetHost,
          targetPort);
      Thread acceptor = new Thread(tap::accept, "statement-tap");
      acceptor.setDaemon(true);
      acceptor.start();
      return tap;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The database of {@code direct}, reached through this tap (which must be in front of its server). */
  public DatabaseUrl url(DatabaseUrl direct) {
    return new DatabaseUrl("127.0.0.1", port(), direct.database(), direct.user(), direct.password(),
        direct.sslMode());
  }

  /** Forgets what was executed and answered so far. */
  public synchronized void clear() {
    executed.clear();
    synchronized (answers) {
      answers.reset();
    }
  }

  /** How many bytes the server answered since the last {@link #clear()}, on every connection. */
  public long bytesAnswered() {
    synchronized (answers) {
      return answers.size();
    }
  }

  /** Whether {@code text} (UTF-8) is in what the server answered since the last {@link #clear()}. */
  public boolean answersMention(String text) {
    synchronized (answers) {
      return answers.toString(StandardCharsets.UTF_8).contains(text);
    }
  }

  /** What was executed since the last {@link #clear()}, grouped by connection into transactions, in order. */
  public synchronized List<Unit> units() {
    Map<Integer, List<Executed>> open = new HashMap<>();
    List<Unit> units = new ArrayList<>();
    for (Executed statement : executed) {
      String sql = statement.sql().strip();
      List<Executed> transaction = open.get(statement.connection());
      if (transaction == null && sql.split(";", 2)[0].strip().matches(BEGIN)) {
        open.put(statement.connection(), new ArrayList<>(List.of(statement)));
      } else if (transaction != null) {
        transaction.add(statement);
        String last = sql.substring(sql.lastIndexOf(';') + 1).strip();
        if (last.equalsIgnoreCase("COMMIT") || last.equalsIgnoreCase("ROLLBACK")) {
          units.add(unit(open.remove(statement.connection())));
        }
      } else {
        units.add(unit(List.of(statement)));
      }
    }
    return units;
  }

  private static Unit unit(List<Executed> statements) {
    return new Unit(statements.get(0).connection(),
        statements.stream().map(statement -> statement.sql().strip()).toList(),
        statements.stream().map(Executed::round).toList());
  }

  private synchronized void record(int connection, String sql, int round) {
    executed.add(new Executed(connection, sql, round));
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket backend = new Socket(targetHost, targetPort);
        // Each message goes on at once: otherwise one waited for the server's delayed acknowledgement of the one
        // before (Nagle's algorithm), some 40 ms each.
        client.setTcpNoDelay(true);
        backend.setTcpNoDelay(true);
        synchronized (this) {
          sockets.add(client);
          sockets.add(backend);
        }
        int connection = connections.incrementAndGet();
        Gate gate = new Gate(client.getInputStream());
        pump("tap-in-" + connection, () -> watch(connection, client.getInputStream(), backend.getOutputStream(),
            gate), client, backend);
        pump("tap-out-" + connection, () -> answer(backend.getInputStream(), client.getOutputStream(), gate), client,
            backend);
      } catch (IOException e) {
        return;
      }
    }
  }

  private interface Pump {
    long run() throws IOException;
  }

  private void pump(String name, Pump pump, Socket client, Socket backend) {
    Thread thread = new Thread(() -> {
      try {
        pump.run();
      } catch (IOException e) {
        // The other side closed: the pair is done.
      } finally {
        closeQuietly(client);
        closeQuietly(backend);
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Holds the server's answers back until everything the client has sent is passed on: a message that arrives after
   * an answer was let through then always starts a round of its own, however late the watching thread reads it.
   */
  private static final class Gate {
    private static final long MOST_MILLIS = 1_000;
    private final InputStream fromClient;
    private boolean watcherWaiting;

    Gate(InputStream fromClient) {
      this.fromClient = fromClient;
    }

    synchronized void watcherWaiting(boolean waiting) {
      watcherWaiting = waiting;
      notifyAll();
    }

    /** Until the watcher waits for the client with nothing of it unread (a second at most, should it never). */
    synchronized void awaitClientPassedOn() throws IOException {
      long until = System.nanoTime() + MOST_MILLIS * 1_000_000;
      while (!(watcherWaiting && fromClient.available() == 0) && System.nanoTime() < until) {
        try {
          wait(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Copies the server's answers to the client, keeping them. */
  private long answer(InputStream from, OutputStream to, Gate gate) throws IOException {
    byte[] buffer = new byte[8192];
    for (int read = from.read(buffer); read >= 0; read = from.read(buffer)) {
      gate.awaitClientPassedOn();
      to.write(buffer, 0, read);
      to.flush();
      synchronized (answers) {
        answers.write(buffer, 0, read);
      }
    }
    return 0;
  }

  /** Copies the client's messages to the server, writing down the statements they execute. */
  private long watch(int connection, InputStream from, OutputStream to, Gate gate) throws IOException {
    DataInputStream in = new DataInputStream(from);
    Map<String, String> prepared = new HashMap<>();
    String bound = null;
    boolean started = false;
    int round = 0;
    while (true) {
      // A message not yet here when the one before was passed on was sent later: after an answer, as a rule.
      if (from.available() == 0) {
        round += started ? 1 : 0;
        gate.watcherWaiting(true);
      }
      int type = started ? in.read() : 0;
      if (type < 0) {
        return 0;
      }
      int length = in.readInt();
      gate.watcherWaiting(false);
      byte[] body = in.readNBytes(length - 4);
      ByteBuffer message = ByteBuffer.allocate((started ? 1 : 0) + length);
      if (started) {
        message.put((byte) type);
      }
      to.write(message.putInt(length).put(body).array());
      to.flush();
      if (!started) {
        int code = ((body[0] & 0xff) << 24) | ((body[1] & 0xff) << 16) | ((body[2] & 0xff) << 8) | (body[3] & 0xff);
        started = code != SSL_REQUEST && code != GSS_REQUEST;
        continue;
      }
      List<String> strings = cStrings(body);
      switch (type) {
        case 'Q' -> record(connection, strings.get(0), round);
        case 'P' -> prepared.put(strings.get(0), strings.get(1));
        case 'B' -> bound = prepared.get(strings.get(1));
        case 'E' -> record(connection, bound, round);
        default -> {
        }
      }
    }
  }

  /** The first two NUL-terminated strings of a message's body (fewer when it has fewer). */
  private static List<String> cStrings(byte[] body) {
    List<String> strings = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < body.length && strings.size() < 2; i++) {
      if (body[i] == 0) {
        strings.add(new String(body, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    return strings;
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing a closed socket.
    }
  }

  @Override
  public synchronized void close() {
    try {
      server.close();
    } catch (IOException e) {
      // Already closed.
    }
    sockets.forEach(StatementTap::closeQuietly);
  }
}
