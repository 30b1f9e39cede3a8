package io.rusm.spring.boot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The structural rules of Spring Boot's own auto-configurations, applied to this module.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.rusm.spring.boot");

	@Test
	void autoConfigurationsArePublicAndFinal() {
		check(classes().that()
			.areAnnotatedWith(AutoConfiguration.class)
			.should()
			.bePublic()
			.andShould()
			.haveModifier(JavaModifier.FINAL));
	}

	@Test
	void autoConfigurationsAreRegisteredInTheImportsFileOnly() throws IOException {
		List<String> imports = imports();
		List<String> autoConfigurations = CLASSES.stream()
			.filter((javaClass) -> javaClass.isAnnotatedWith(AutoConfiguration.class))
			.map(JavaClass::getName)
			.sorted()
			.toList();
		assertThat(imports).containsExactlyInAnyOrderElementsOf(autoConfigurations);
		check(noClasses().that()
			.areNotMetaAnnotatedWith(Configuration.class)
			.should()
			.beAnnotatedWith(Component.class)
			.orShould()
			.beMetaAnnotatedWith(Component.class));
		check(classes().that()
			.areTopLevelClasses()
			.and()
			.areAnnotatedWith(Configuration.class)
			.should()
			.beAnnotatedWith(AutoConfiguration.class)
			.allowEmptyShould(true));
	}

	@Test
	void nestedConfigurationsAreStaticWithoutBeanMethodProxies() {
		check(classes().that()
			.areAnnotatedWith(Configuration.class)
			.and()
			.areNestedClasses()
			.should()
			.haveModifier(JavaModifier.STATIC)
			.andShould(notProxyBeanMethods()));
	}

	@Test
	void beanPostProcessorBeanMethodsAreStaticAndTakeOnlyLateDependencies() {
		check(methods().that()
			.areAnnotatedWith(Bean.class)
			.and()
			.haveRawReturnType(assignableTo(BeanPostProcessor.class))
			.should()
			.beStatic()
			.andShould(takeOnly(Set.of(ObjectProvider.class.getName(), Environment.class.getName(),
					ApplicationContext.class.getName()))));
	}

	@Test
	void conditionalOnClassIsNeverOnABeanMethod() {
		check(noMethods().should().beAnnotatedWith(ConditionalOnClass.class));
	}

	@Test
	void autoConfigurationBeanMethodsArePackagePrivate() {
		check(methods().that()
			.areAnnotatedWith(Bean.class)
			.should()
			.notBePublic()
			.andShould()
			.notBeProtected()
			.andShould()
			.notBePrivate());
	}

	private static void check(ArchRule rule) {
		rule.check(CLASSES);
	}

	private static List<String> imports() throws IOException {
		try (InputStream stream = ArchitectureTests.class.getClassLoader()
			.getResourceAsStream("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
			assertThat(stream).isNotNull();
			return new String(stream.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.toList();
		}
	}

	private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> assignableTo(Class<?> type) {
		return JavaClass.Predicates.assignableTo(type);
	}

	private static ArchCondition<JavaClass> notProxyBeanMethods() {
		return new ArchCondition<>("declare proxyBeanMethods = false") {
			@Override
			public void check(JavaClass javaClass, ConditionEvents events) {
				Configuration configuration = javaClass.reflect().getAnnotation(Configuration.class);
				events.add(new SimpleConditionEvent(javaClass, !configuration.proxyBeanMethods(),
						javaClass.getName() + " proxies its @Bean methods"));
			}
		};
	}

	private static ArchCondition<JavaMethod> takeOnly(Set<String> allowed) {
		return new ArchCondition<>("take only " + allowed) {
			@Override
			public void check(JavaMethod method, ConditionEvents events) {
				boolean ok = method.getRawParameterTypes().stream().allMatch((type) -> allowed.contains(type.getName()));
				events.add(new SimpleConditionEvent(method, ok,
						method.getFullName() + " takes a parameter that would be created too early"));
			}
		};
	}

}
