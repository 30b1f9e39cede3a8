package io.rusm.sample.plans;

import java.net.URI;
import java.util.Objects;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The plans API: {@code POST /plans} starts a plan, {@code GET /plans/{id}} shows its
 * progress and {@code DELETE /plans/{id}} cancels it. Bad input is answered with an RFC
 * 9457 problem ({@code application/problem+json}): 400 for an invalid or malformed body or
 * id, 404 for an unknown plan, 429 for a plan past the cap on live agents.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
@RestController
@RequestMapping("/plans")
public class PlansController {

	private final Plans plans;

	/**
	 * Creates the controller.
	 * @param plans the plans service
	 */
	public PlansController(Plans plans) {
		this.plans = Objects.requireNonNull(plans, "plans");
	}

	/**
	 * Starts a plan.
	 * @param request how many agents, and how long each works
	 * @param uris builds the location of the new plan
	 * @return {@code 201 Created} with the plan
	 */
	@PostMapping
	public ResponseEntity<PlanView> create(@RequestBody PlanRequest request, UriComponentsBuilder uris) {
		PlanView plan = this.plans.create(request.validAgents(), request.validWork());
		URI location = uris.path("/plans/{id}").buildAndExpand(plan.id()).toUri();
		return ResponseEntity.created(location).body(plan);
	}

	/**
	 * Shows the progress of a plan.
	 * @param id the id of the plan
	 * @return the plan
	 */
	@GetMapping("/{id}")
	public PlanView get(@PathVariable long id) {
		return this.plans.find(id).orElseThrow(() -> notFound(id));
	}

	/**
	 * Cancels a plan, killing its agents.
	 * @param id the id of the plan
	 * @return how many agents were stopped, and the plan
	 */
	@DeleteMapping("/{id}")
	public Plans.Cancellation cancel(@PathVariable long id) {
		return this.plans.cancel(id).orElseThrow(() -> notFound(id));
	}

	/**
	 * Answers a plan that would exceed the cap on live agents.
	 * @param ex the refusal
	 * @return a {@code 429 Too Many Requests} problem
	 */
	@ExceptionHandler(TooManyAgentsException.class)
	public ProblemDetail tooManyAgents(TooManyAgentsException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage());
		problem.setTitle("Too many live agents");
		return problem;
	}

	private static ResponseStatusException notFound(long id) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No plan with id " + id);
	}

}
