package dev.countersign.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuIdentityTest {

  /** The head of /proc/cpuinfo on a GCE n2d VM (two hosts name the same part differently). */
  private static final String EPYC_GCE = """
      processor	: 0
      vendor_id	: AuthenticAMD
      cpu family	: 25
      model		: 1
      model name	: AMD EPYC 7B13
      stepping	: 0
      microcode	: 0xffffffff
      cpu MHz		: 2449.998
      flags		: fpu vme de pse tsc msr pae mce cx8 apic hypervisor
      """;
  private static final String EPYC_OTHER_HOST = EPYC_GCE
      .replace("AMD EPYC 7B13", "AMD EPYC 7B13 64-Core Processor").replace("stepping	: 0", "stepping	: 1");
  private static final String XEON = """
      processor	: 0
      vendor_id	: GenuineIntel
      cpu family	: 6
      model		: 106
      model name	: Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz
      stepping	: 6
      flags		: fpu vme de pse tsc msr pae mce cx8 apic hypervisor
      """;
  private static final String ARM = """
      processor	: 0
      BogoMIPS	: 243.75
      Features	: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics
      CPU implementer	: 0x41
      """;

  @Test
  void signatureIsVendorFamilyAndModelFromCpuinfo() {
    assertEquals("AuthenticAMD family 25 model 1", CpuIdentity.signature(EPYC_GCE));
    assertEquals("GenuineIntel family 6 model 106", CpuIdentity.signature(XEON));
    assertEquals("", CpuIdentity.signature(ARM), "no x86 fields: no signature");
  }

  @Test
  void normalizedNameDropsWhatHostsNameDifferently() {
    assertEquals("amd epyc 7b13", CpuIdentity.normalizedName("AMD EPYC 7B13 64-Core Processor"));
    assertEquals("amd epyc 7b13", CpuIdentity.normalizedName("AMD EPYC 7B13"));
    assertEquals("intel xeon platinum 8375c",
        CpuIdentity.normalizedName("Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz"));
    assertEquals("intel xeon platinum 8375c",
        CpuIdentity.normalizedName("Intel(R) Xeon(R) Platinum 8375C CPU"));
  }

  @Test
  void sameKindWhenTheSignaturesAgreeWhateverTheBrandString() {
    assertTrue(CpuIdentity.same(env(EPYC_GCE), env(EPYC_OTHER_HOST)));
    // QEMU's named models hide the brand string; the signature still tells the part
    Environment qemu = env(XEON.replace("Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz",
        "Intel Xeon Processor (Icelake)"));
    assertTrue(CpuIdentity.same(env(XEON), qemu));
    assertFalse(CpuIdentity.same(env(EPYC_GCE), env(XEON)));
    assertFalse(CpuIdentity.same(env(XEON), env(XEON.replace("model		: 106", "model		: 85"))),
        "another microarchitecture (Cascade Lake) with the same brand string is another CPU");
  }

  @Test
  void withoutASignatureOnBothSidesTheNormalizedNamesAreCompared() {
    Environment old = new Environment("Linux amd64", "6.1", "AMD EPYC 7B13 64-Core Processor", 2,
        "kvm", "jvm", Map.of());
    assertTrue(CpuIdentity.same(old, env(EPYC_GCE)));
    assertFalse(CpuIdentity.same(old, env(XEON)));
  }

  private static Environment env(String cpuinfo) {
    return new Environment("Linux amd64", "6.1", Environments.field(cpuinfo, "model name"), 2,
        "kvm", "jvm", Map.of(CpuIdentity.SIGNATURE_KEY, CpuIdentity.signature(cpuinfo)));
  }
}
