package dev.caregap.ops;

import jakarta.servlet.http.HttpServletRequest;
import org.jolokia.server.core.service.api.Restrictor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP side of operations, on the management port: health, info and Prometheus metrics are open (the port is
 * bound to this machine unless configured); everything else (hawtio, Jolokia, the other endpoints) needs a login as
 * monitor or operator, with the same passwords as remote JMX. Jolokia only reads unless caregap.jolokia.read-write, and
 * then changes only for the operator; it answers no request a browser made for another origin's page.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class OperationsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OperationsConfiguration.class);
    private static final RequestMatcher JOLOKIA = PathPatternRequestMatcher.withDefaults().matcher("/actuator/jolokia/**");

    @Bean
    SecurityFilterChain managementSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                        .permitAll()
                        .requestMatchers(new AndRequestMatcher(JOLOKIA, OperationsConfiguration::fromAnotherPage)).denyAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.defaultSuccessUrl("/actuator/hawtio/", false).permitAll())
                .httpBasic(Customizer.withDefaults())
                // hawtio's console talks to Jolokia with POSTs from its own page, with no token: instead the login's
                // session cookie is SameSite=Strict (application.yaml), so another site's page cannot send it along,
                // and Jolokia refuses what a browser says another page (another port of this machine too) asked for
                .csrf(csrf -> csrf.ignoringRequestMatchers("/actuator/jolokia/**", "/actuator/hawtio/**"));
        return http.build();
    }

    /**
     * A request a browser made for a page of another origin: another site, or another port of this machine, which is
     * the same site to a browser (its cookies go along). Browsers say so in Sec-Fetch-Site; "none" is the operator's
     * own (a typed address, a bookmark). Tools that are not browsers (curl, a JMX console, Prometheus) send none.
     */
    static boolean fromAnotherPage(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        return site != null && !site.equals("same-origin") && !site.equals("none");
    }

    /** monitor and operator, each once its password is configured; no password, no login. */
    @Bean
    InMemoryUserDetailsManager consoleUsers(JmxSettings settings) {
        List<UserDetails> users = new ArrayList<>();
        if (settings.monitorPassword() != null && !settings.monitorPassword().isBlank()) {
            users.add(User.withUsername(ReadOnlyForMonitor.MONITOR).password("{noop}" + settings.monitorPassword())
                    .roles("VIEWER").build());
        }
        if (settings.operatorPassword() != null && !settings.operatorPassword().isBlank()) {
            users.add(User.withUsername(ReadOnlyForMonitor.OPERATOR).password("{noop}" + settings.operatorPassword())
                    .roles("VIEWER", "ADMIN").build());
        }
        if (users.isEmpty()) {
            log.info("hawtio and Jolokia need a login: set caregap.jmx.monitor-password and caregap.jmx.operator-password");
        }
        return new InMemoryUserDetailsManager(users);
    }

    /** Jolokia reads only; with caregap.jolokia.read-write=true the operator (not the monitor) may change things. */
    @Bean
    Restrictor readOnlyJolokia(@Value("${caregap.jolokia.read-write:false}") boolean readWrite) {
        return new ReadOnlyJolokia(readWrite);
    }
}
