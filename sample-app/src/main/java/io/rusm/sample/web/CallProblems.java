package io.rusm.sample.web;

import io.rusm.core.CallException;
import io.rusm.core.CallTimeoutException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns a failed {@link io.rusm.core.Runtime#call call} into an RFC 9457 problem: a
 * process that is not running, died before replying or shed the call answers
 * {@code 503 Service Unavailable}, one that did not reply in time
 * {@code 504 Gateway Timeout}, never a {@code 500}.
 * <p>
 * Every other bad request (malformed JSON, a wrong id, an unknown plan) is answered as a
 * problem by Spring MVC itself, with {@code spring.mvc.problemdetails.enabled=true}.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
@RestControllerAdvice
public class CallProblems {

	/**
	 * Creates the advice.
	 */
	public CallProblems() {
	}

	/**
	 * Answers a failed call.
	 * @param ex why the call failed
	 * @return the problem
	 */
	@ExceptionHandler(CallException.class)
	public ProblemDetail callFailed(CallException ex) {
		HttpStatus status = (ex instanceof CallTimeoutException) ? HttpStatus.GATEWAY_TIMEOUT
				: HttpStatus.SERVICE_UNAVAILABLE;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		problem.setTitle("Process unavailable");
		return problem;
	}

}
