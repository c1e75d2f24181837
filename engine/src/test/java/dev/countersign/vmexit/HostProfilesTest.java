package dev.countersign.vmexit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.events.VmExitReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostProfilesTest {

  @TempDir Path dir;

  private String intelJson() throws IOException {
    try (var in = getClass().getResourceAsStream("/dev/countersign/vmexit/hosts/intel-kvm-default.json")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private InvalidHostProfileException bad(String fileName, String json) throws IOException {
    Files.writeString(dir.resolve(fileName), json);
    return assertThrows(InvalidHostProfileException.class, () -> HostProfiles.load(dir));
  }

  @Test
  void builtInProfilesCarryTheKvmDefaults() {
    HostProfiles all = Profiles.builtIn();
    assertEquals(HostProfiles.BUILT_IN.stream().sorted().toList(), all.names());
    HostProfile intel = all.get("intel-kvm-default");
    assertEquals(new HostProfile.Ple(128, 4096, 2, 0, 4294967295L), intel.ple());
    assertTrue(intel.pvSendIpi() && intel.pvTlbFlush() && !intel.ipiVirtualization());
    HostProfile amd = all.get("amd-kvm-default");
    assertEquals(Vendor.AMD_SVM, amd.vendor());
    assertEquals(new HostProfile.PauseFilter(3000, 128, 2, 0, 65535), amd.pauseFilter());
    assertEquals(0, all.get("intel-kvm-ple-off").ple().gap());
    assertTrue(all.get("intel-kvm-ipiv").ipiVirtualization());
    HostProfile off = all.get("kvm-exits-disabled");
    assertFalse(off.hltExits() || off.pauseExits());
    for (String n : all.names()) {
      for (VmExitReason r : VmExitReason.values()) {
        if (r != VmExitReason.ANY) {
          assertTrue(all.get(n).costNs(r) > 0, n + " " + r);
        }
      }
    }
  }

  @Test
  void aUserProfileFileIsLoadedUnderItsName() throws IOException {
    Files.writeString(dir.resolve("my-host.json"),
        intelJson().replace("\"intel-kvm-default\"", "\"my-host\"").replace("\"guestVcpus\" : 2",
            "\"guestVcpus\" : 2").replace("\"hostHz\": 250.0", "\"hostHz\": 1000.0"));
    HostProfiles all = HostProfiles.load(dir);
    assertTrue(all.names().contains("my-host"));
    assertEquals(1000.0, all.get("my-host").hostHz());
    assertTrue(all.contains("intel-kvm-default"));
  }

  @Test
  void theSystemPropertyNamesTheUserDirectory() throws IOException {
    Files.writeString(dir.resolve("prop-host.json"),
        intelJson().replace("\"intel-kvm-default\"", "\"prop-host\""));
    String old = System.getProperty(HostProfiles.HOSTS_DIR_PROPERTY);
    System.setProperty(HostProfiles.HOSTS_DIR_PROPERTY, dir.toString());
    try {
      assertTrue(HostProfiles.standard().contains("prop-host"));
    } finally {
      if (old == null) {
        System.clearProperty(HostProfiles.HOSTS_DIR_PROPERTY);
      } else {
        System.setProperty(HostProfiles.HOSTS_DIR_PROPERTY, old);
      }
    }
  }

  @Test
  void aMissingFieldIsNamedWithTheFile() throws IOException {
    String json = intelJson().replace("\"intel-kvm-default\"", "\"h\"")
        .replaceFirst("\\s*\"hostHz\": 250.0,", "");
    InvalidHostProfileException e = bad("h.json", json);
    assertTrue(e.getMessage().contains("h.json"), e.getMessage());
    assertTrue(e.getMessage().contains("'hostHz' is missing"), e.getMessage());
  }

  @Test
  void aNestedMissingFieldIsNamedWithItsPath() throws IOException {
    String json = intelJson().replace("\"intel-kvm-default\"", "\"h\"")
        .replaceFirst("\"window\": 4096,", "");
    InvalidHostProfileException e = bad("h.json", json);
    assertTrue(e.getMessage().contains("'ple.window' is missing"), e.getMessage());
  }

  @Test
  void aWrongTypeIsNamed() throws IOException {
    String json = intelJson().replace("\"intel-kvm-default\"", "\"h\"")
        .replace("\"hltExits\": true", "\"hltExits\": \"sometimes\"");
    InvalidHostProfileException e = bad("h.json", json);
    assertTrue(e.getMessage().contains("h.json") && e.getMessage().contains("hltExits"),
        e.getMessage());
  }

  @Test
  void anUnknownFieldIsNamedWithTheKnownOnes() throws IOException {
    String json = intelJson().replace("\"intel-kvm-default\"", "\"h\"")
        .replace("\"hostHz\":", "\"hostHertz\": 1, \"hostHz\":");
    InvalidHostProfileException e = bad("h.json", json);
    assertTrue(e.getMessage().contains("'hostHertz' is not a host-profile parameter"),
        e.getMessage());
    assertTrue(e.getMessage().contains("eptRefaultsPerPage"), e.getMessage());
  }

  @Test
  void anOutOfRangeValueIsNamed() throws IOException {
    String json = intelJson().replace("\"intel-kvm-default\"", "\"h\"")
        .replace("\"window\": 4096", "\"window\": 0");
    InvalidHostProfileException e = bad("h.json", json);
    assertTrue(e.getMessage().contains("h.json: field 'ple.window' is 0; it must be ≥ 1"),
        e.getMessage());
  }

  @Test
  void aMissingExitCostIsNamed() throws IOException {
    String json = intelJson().replace("\"intel-kvm-default\"", "\"h\"")
        .replaceFirst("\"HLT\": 1500,", "");
    InvalidHostProfileException e = bad("h.json", json);
    assertTrue(e.getMessage().contains("'exitCostNs.HLT' is missing"), e.getMessage());
  }

  @Test
  void anUnknownVendorIsNamed() throws IOException {
    String json = intelJson().replace("\"intel-kvm-default\"", "\"h\"")
        .replace("\"intel-vmx\"", "\"arm-vhe\"");
    InvalidHostProfileException e = bad("h.json", json);
    assertTrue(e.getMessage().contains("vendor") && e.getMessage().contains("intel-vmx or amd-svm"),
        e.getMessage());
  }

  @Test
  void aNameThatDisagreesWithTheFileOrReusesABuiltInIsAnError() throws IOException {
    InvalidHostProfileException e = bad("other.json",
        intelJson().replace("\"intel-kvm-default\"", "\"h\""));
    assertTrue(e.getMessage().contains("other.json: field 'name' is 'h'"), e.getMessage());
    Files.delete(dir.resolve("other.json"));
    InvalidHostProfileException b = bad("intel-kvm-default.json", intelJson());
    assertTrue(b.getMessage().contains("a built-in profile"), b.getMessage());
  }

  @Test
  void invalidJsonSaysWhere() throws IOException {
    InvalidHostProfileException e = bad("h.json", "{ \"name\": \"h\", ");
    assertTrue(e.getMessage().startsWith(dir.resolve("h.json") + ": "), e.getMessage());
  }

  @Test
  void anUnknownHostListsTheValidOnes() {
    InvalidHostProfileException e = assertThrows(InvalidHostProfileException.class,
        () -> Profiles.builtIn().get("intel-kvm-defualt"));
    assertTrue(e.getMessage().contains("unknown host profile 'intel-kvm-defualt'"));
    assertTrue(e.getMessage().contains("amd-kvm-default, intel-kvm-default"), e.getMessage());
    assertTrue(e.getMessage().contains("src/test/countersign/hosts/"), e.getMessage());
  }
}
