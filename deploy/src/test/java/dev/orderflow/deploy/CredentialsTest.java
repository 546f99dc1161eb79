package dev.orderflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** No credential is committed: the overlays' secrets/ folders hold only documented *.example files. */
class CredentialsTest {

    @Test
    void onlyExampleCredentialFilesAreTrackedByGit() throws Exception {
        // given: the files git tracks under the overlays
        Process git = new ProcessBuilder("git", "ls-files", "k8s/overlays")
                .directory(RenderedManifests.MODULE.toFile()).redirectErrorStream(true).start();
        List<String> tracked = new String(git.getInputStream().readAllBytes()).lines().toList();
        assertThat(git.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(git.exitValue()).as("git ls-files: %s", tracked).isZero();

        // then
        List<String> credentialFiles = tracked.stream().filter(path -> path.contains("/secrets/")).toList();
        assertThat(credentialFiles).isNotEmpty().allSatisfy(path -> assertThat(path).endsWith(".example"));
    }

    @Test
    void everyOverlayIgnoresTheCredentialFilesOperatorsCreate() throws Exception {
        for (String overlay : List.of("local", "production")) {
            var ignore = RenderedManifests.MODULE.resolve("k8s/overlays").resolve(overlay).resolve(".gitignore");
            assertThat(Files.readAllLines(ignore)).as(overlay).contains("secrets/*", "!secrets/*.example");
        }
    }
}
