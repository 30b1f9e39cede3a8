package io.rusm.spring.boot.autoconfigure;

import io.rusm.core.Runtime;
import io.rusm.spring.boot.ClusterScope;
import io.rusm.spring.boot.RusmProcess;
import io.rusm.spring.boot.RusmProcessBeanPostProcessor;
import io.rusm.spring.boot.RusmProcessRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of {@link RusmProcess @RusmProcess} singletons: the post-processor that discovers them
 * and the registry that starts, supervises and stops them with the context. Every
 * context has a registry of its own, even when a parent context has one too. In cluster
 * mode, the registry runs cluster-scoped singletons once in the cluster.
 *
 * @author rusm contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = RusmAutoConfiguration.class)
@ConditionalOnClass(Runtime.class)
@ConditionalOnBooleanProperty(name = "rusm.enabled", matchIfMissing = true)
@ConditionalOnBean(Runtime.class)
@EnableConfigurationProperties(RusmProperties.class)
public final class RusmProcessesAutoConfiguration {

	@Bean
	static RusmProcessBeanPostProcessor rusmProcessBeanPostProcessor() {
		return new RusmProcessBeanPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean(search = SearchStrategy.CURRENT)
	RusmProcessRegistry rusmProcessRegistry(Runtime runtime, RusmProperties properties,
			ObjectProvider<ClusterScope> clusterScope) {
		RusmProperties.Supervisor supervisor = properties.getSupervisor();
		return new RusmProcessRegistry(runtime, supervisor.getMaxRestarts(), supervisor.getWithin(),
				properties.getShutdown().getTimeout(), clusterScope.getIfUnique());
	}

}
