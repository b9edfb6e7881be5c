package com.byomlab.vault.rotation;

import com.byomlab.ByomLabApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The service (or its rotate-keys command) in a JVM of its own, as an operator runs it: main class
 * {@link ByomLabApplication}, the main classes and dependencies of this build on the class path (test
 * classes and test resources left out), master keys in ENCRYPTION_KEY / ENCRYPTION_OLD_KEYS, output to a file.
 */
final class ServiceProcess implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path output;
    private final int port;

    private ServiceProcess(Process process, Path output, int port) {
        this.process = process;
        this.output = output;
        this.port = port;
    }

    static ServiceProcess start(Path workDir, String name, String currentKey, String oldKeys, List<String> args)
            throws IOException {
        int port = freePort();
        List<String> all = new ArrayList<>(args);
        all.add("--server.port=" + port);
        return launch(workDir, name, currentKey, oldKeys, all, port);
    }

    static ServiceProcess command(Path workDir, String name, String currentKey, String oldKeys, List<String> args)
            throws IOException {
        List<String> all = new ArrayList<>(List.of("rotate-keys"));
        all.addAll(args);
        return launch(workDir, name, currentKey, oldKeys, all, -1);
    }

    private static ServiceProcess launch(Path workDir, String name, String currentKey, String oldKeys,
                                         List<String> args, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", ByomLabApplication.class.getName()));
        command.addAll(args);
        command.add("--byom.market.sample-data=false");
        Path output = workDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("ENCRYPTION_KEY");
        builder.environment().remove("ENCRYPTION_OLD_KEYS");
        builder.environment().put("ENCRYPTION_KEY", currentKey);
        if (oldKeys != null) {
            builder.environment().put("ENCRYPTION_OLD_KEYS", oldKeys);
        }
        builder.environment().put("CLASSPATH", mainClassPath());
        return new ServiceProcess(builder.start(), output, port);
    }

    /** This build's class path (Surefire's) without the test classes, whose resources would configure the app. */
    private static String mainClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.replace('\\', '/').endsWith("/test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    long pid() {
        return process.pid();
    }

    String output() throws IOException {
        return Files.readString(output);
    }

    /** Waits until the service answers its health check. */
    void awaitUp(Duration timeout) throws Exception {
        await(timeout, "the service to start", () -> {
            try {
                return get("/actuator/health", null).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    void await(Duration timeout, String what, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the process ended (exit " + process.exitValue() + ") while waiting for "
                        + what + ":\n" + tail());
            }
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what + ":\n" + tail());
    }

    /** A real SIGKILL, as `kill -9 <pid>` sends it; returns the exit status the JVM died with. */
    int killNine() throws Exception {
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -9 failed");
        }
        return process.waitFor();
    }

    int awaitExit(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the process did not end in " + timeout + ":\n" + tail());
        }
        return process.exitValue();
    }

    HttpResponse<String> get(String path, String token) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    String login(String email, String password) throws IOException {
        String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/login/access-token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (response.statusCode() != 200) {
            throw new AssertionError("login failed: " + response.statusCode() + " " + response.body());
        }
        return json(response).get("access_token").asString();
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(output);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** Stops the service gracefully (SIGTERM) if it still runs. */
    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
