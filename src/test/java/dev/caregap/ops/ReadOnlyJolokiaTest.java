package dev.caregap.ops;

import org.jolokia.server.core.util.RequestType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import javax.management.ObjectName;

import static org.assertj.core.api.Assertions.assertThat;

/** What the monitor and the operator may do over Jolokia, read-only and read-write. */
class ReadOnlyJolokiaTest {

    private final ReadOnlyJolokia readOnly = new ReadOnlyJolokia(false);
    private final ReadOnlyJolokia readWrite = new ReadOnlyJolokia(true);

    @AfterEach
    void logOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void nobodyDumpsTheHeapOrRunsADiagnosticCommand() throws Exception {
        for (String user : new String[] {"monitor", "operator"}) {
            logIn(user);
            ObjectName hotSpot = new ObjectName("com.sun.management:type=HotSpotDiagnostic");
            ObjectName diagnostics = new ObjectName("com.sun.management:type=DiagnosticCommand");
            assertThat(readOnly.isOperationAllowed(hotSpot, "dumpHeap")).as(user).isFalse();
            assertThat(readOnly.isOperationAllowed(hotSpot, "dumpThreads")).as(user).isFalse();
            assertThat(readOnly.isOperationAllowed(hotSpot, "setVMOption")).as(user).isFalse();
            assertThat(readOnly.isOperationAllowed(hotSpot, "getVMOption")).as(user).isTrue();
            assertThat(readOnly.isOperationAllowed(diagnostics, "gcHeapDump")).as(user).isFalse();
            assertThat(readOnly.isOperationAllowed(diagnostics, "vmCommandLine")).as(user).isFalse();
            assertThat(readOnly.isOperationAllowed(diagnostics, "vmSystemProperties")).as(user).isFalse();
            assertThat(readOnly.isOperationAllowed(new ObjectName("org.apache.camel:context=caregap,type=services,name=DefaultDumpRoutesStrategy"),
                    "dumpRoutes")).as(user).isFalse();
            assertThat(readOnly.isOperationAllowed(new ObjectName("org.springframework.boot:type=Admin,name=SpringApplication"),
                    "getProperty")).as(user).isFalse();
        }
    }

    @Test
    void theConsolesReadsStayAllowed() throws Exception {
        logIn("monitor");
        ObjectName context = new ObjectName("org.apache.camel:context=caregap,type=context,name=\"caregap\"");
        assertThat(readOnly.isTypeAllowed(RequestType.READ)).isTrue();
        assertThat(readOnly.isTypeAllowed(RequestType.EXEC)).isTrue();
        assertThat(readOnly.isTypeAllowed(RequestType.LIST)).isTrue();
        assertThat(readOnly.isOperationAllowed(context, "dumpRoutesAsXml")).isTrue();
        assertThat(readOnly.isOperationAllowed(context, "dumpRoutesStatsAsXml")).isTrue();
        assertThat(readOnly.isOperationAllowed(context, "dumpRoutesAsYaml")).isTrue();
        assertThat(readOnly.isOperationAllowed(context, "getGlobalOption")).isTrue();
        assertThat(readOnly.isOperationAllowed(new ObjectName("java.lang:type=Threading"), "dumpAllThreads")).isTrue();
        assertThat(readOnly.isOperationAllowed(new ObjectName("hawtio:type=Preferences"), "anything")).isTrue();
        assertThat(readOnly.isAttributeReadAllowed(new ObjectName("caregap:type=Intake"), "ExportsIngested")).isTrue();
        assertThat(readOnly.isAttributeReadAllowed(new ObjectName("java.lang:type=Runtime"), "Uptime")).isTrue();
    }

    @Test
    void readOnlyNoOneChangesAnything() throws Exception {
        ObjectName operations = new ObjectName("caregap:type=Operations");
        for (String user : new String[] {"monitor", "operator"}) {
            logIn(user);
            assertThat(readOnly.isTypeAllowed(RequestType.WRITE)).as(user).isFalse();
            assertThat(readOnly.isAttributeWriteAllowed(operations, "Anything")).as(user).isFalse();
            assertThat(readOnly.isOperationAllowed(operations, "pauseIntake")).as(user).isFalse();
        }
    }

    @Test
    void theMonitorDoesNotReadTheCommandLineTheOperatorDoes() throws Exception {
        ObjectName runtime = new ObjectName("java.lang:type=Runtime");
        logIn("monitor");
        assertThat(readOnly.isAttributeReadAllowed(runtime, "SystemProperties")).isFalse();
        assertThat(readOnly.isAttributeReadAllowed(runtime, "InputArguments")).isFalse();
        assertThat(readWrite.isAttributeReadAllowed(runtime, "InputArguments")).isFalse();
        logIn("operator");
        assertThat(readOnly.isAttributeReadAllowed(runtime, "SystemProperties")).isTrue();
        assertThat(readOnly.isAttributeReadAllowed(runtime, "InputArguments")).isTrue();
        SecurityContextHolder.clearContext();
        assertThat(readOnly.isAttributeReadAllowed(runtime, "InputArguments")).as("no one logged in").isFalse();
    }

    @Test
    void readWriteOnlyTheOperatorChangesThings() throws Exception {
        ObjectName operations = new ObjectName("caregap:type=Operations");
        logIn("monitor");
        assertThat(readWrite.isTypeAllowed(RequestType.WRITE)).isFalse();
        assertThat(readWrite.isAttributeWriteAllowed(operations, "Anything")).isFalse();
        assertThat(readWrite.isOperationAllowed(operations, "pauseIntake")).isFalse();
        assertThat(readWrite.isOperationAllowed(new ObjectName("com.sun.management:type=HotSpotDiagnostic"), "dumpHeap")).isFalse();
        assertThat(readWrite.isOperationAllowed(operations, "getRecentOperations")).as("reads stay open").isTrue();
        logIn("operator");
        assertThat(readWrite.isTypeAllowed(RequestType.WRITE)).isTrue();
        assertThat(readWrite.isAttributeWriteAllowed(operations, "Anything")).isTrue();
        assertThat(readWrite.isOperationAllowed(operations, "pauseIntake")).isTrue();
    }

    /** As OperationsConfiguration gives the roles. */
    private static void logIn(String user) {
        String[] roles = user.equals(ReadOnlyForMonitor.OPERATOR) ? new String[] {"ROLE_VIEWER", "ROLE_ADMIN"} : new String[] {"ROLE_VIEWER"};
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, AuthorityUtils.createAuthorityList(roles)));
    }
}
