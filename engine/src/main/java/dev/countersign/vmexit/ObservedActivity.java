package dev.countersign.vmexit;

import dev.countersign.results.VmExitFeed;
import dev.countersign.sim.agent.GuestActivity;
import java.util.List;
import java.util.Map;

/**
 * What a feed observed of the guest: one {@link GuestActivity} per measured invocation, and the
 * causes it could not observe with why (their fields in the activities are placeholders).
 *
 * @param feed which feed observed it
 * @param perInvocation one activity per measured invocation, in order
 * @param unobserved causes the feed could not see, each with the reason
 */
public record ObservedActivity(
    VmExitFeed feed, List<GuestActivity> perInvocation, Map<Cause, String> unobserved) {

  public ObservedActivity {
    perInvocation = List.copyOf(perInvocation);
    unobserved = Map.copyOf(unobserved);
  }
}
