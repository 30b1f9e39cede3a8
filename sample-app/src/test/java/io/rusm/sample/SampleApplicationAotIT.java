package io.rusm.sample;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample started in AOT mode ({@code -Dspring.aot.enabled=true}), the way a native
 * image runs it: the context is the one Spring's AOT processing generated at build time
 * ({@code process-aot}), and a plan and a {@code @RusmHandler} singleton work through it.
 */
class SampleApplicationAotIT {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	private @Nullable SampleJvm app;

	@AfterEach
	void stop() {
		if (this.app != null) {
			this.app.close();
		}
	}

	@Test
	void theAotProcessedSampleRunsAPlanAndAHandlerSingleton() throws IOException {
		SampleJvm app = SampleJvm.start("sample-app-aot-it", PATIENCE, List.of("-Dspring.aot.enabled=true"));
		this.app = app;
		app.awaitStarted();
		assertThat(app.output()).contains("Starting AOT-processed SampleApplication");

		HttpResponse<String> created = app.send("POST", "/plans", "{\"agents\": 2, \"workMillis\": 300}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		long id = SampleJvm.JSON.readTree(created.body()).path("id").asLong();
		await("the plan to complete").atMost(PATIENCE).untilAsserted(() -> {
			JsonNode plan = app.get("/plans/" + id);
			assertThat(plan.path("status").asString()).isEqualTo("completed");
			assertThat(plan.path("finishedAgents").asInt()).isEqualTo(2);
		});

		assertThat(app.send("POST", "/counter/visits", null).statusCode()).isEqualTo(200);
		assertThat(app.get("/counter").path("visits").asLong()).isEqualTo(1);
		assertThat(app.get("/actuator/rusm").path("singletons").values())
			.extracting((singleton) -> singleton.path("status").asString())
			.containsOnly("running");
	}

}
