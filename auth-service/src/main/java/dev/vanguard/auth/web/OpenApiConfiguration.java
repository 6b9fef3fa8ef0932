package dev.vanguard.auth.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI authOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Vanguard auth-service")
				.version("v1")
				.description("Host accounts, sign-in, RS256 access tokens (iss vanguard-auth, scope host) and the "
						+ "rotating refresh cookie. Errors are RFC 9457 problem details with a stable type."))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")));
	}

}
