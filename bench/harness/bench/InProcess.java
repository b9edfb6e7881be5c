package bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import com.byomlab.ByomLabApplication;

/**
 * The real service booted in the harness's own JVM, on a random port, with a fresh master key and a fake provider
 * of its own; an H2 file database under {@code work} unless a datasource is given.
 */
record InProcess(ConfigurableApplicationContext ctx, FakeOpenAi fake, Api api) implements AutoCloseable {

    static InProcess boot(Path work, String datasourceUrl, String datasourceUser) throws Exception {
        Bench.deleteTree(work);
        Files.createDirectories(work);
        FakeOpenAi fake = new FakeOpenAi(0, 0);
        byte[] master = new byte[32];
        new SecureRandom().nextBytes(master);
        int port = Bench.freePort();
        List<String> args = new ArrayList<>(List.of("--server.port=" + port,
                "--ENCRYPTION_KEY=" + Base64.getEncoder().encodeToString(master),
                "--spring.datasource.url=" + (datasourceUrl != null ? datasourceUrl : "jdbc:h2:file:" + work.resolve("byom")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=64"),
                "--byom.providers.openai.base-url=" + fake.baseUrl(),
                "--logging.level.root=WARN"));
        if (datasourceUser != null) {
            args.add("--spring.datasource.username=" + datasourceUser);
        }
        ConfigurableApplicationContext ctx = new SpringApplication(ByomLabApplication.class).run(args.toArray(String[]::new));
        return new InProcess(ctx, fake, new Api("http://127.0.0.1:" + port, Api.client()));
    }

    @Override
    public void close() throws java.io.IOException {
        ctx.close();
        fake.close();
    }
}
