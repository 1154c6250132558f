/** A handoff as staff see it on their desk. */
export interface StaffHandoff {
  id: string;
  conversationId: string | null;
  userId: string | null;
  channel: string;
  status: 'open' | 'taken' | 'closed';
  /** Who took it, as the desk names them ("slack:T…:U…"). */
  claimedBy: string | null;
  /** The desk's reference of its thread, once posted there. */
  deskRef: string | null;
}

/**
 * The handoffs as staff work them from a desk (Slack): take one, hand the person back, look one up.
 * Where the desk itself is (a Slack channel) is the engine's `StaffDesk`; this is the other side,
 * the record of who has whom. A channel gets this port; the store implements it.
 */
export interface HandoffDesk {
  /** The handoff is theirs from now on; null when it was already taken or closed. */
  claim(deskRef: string, by: string): Promise<StaffHandoff | null>;
  /** Hands the person back to the assistant; null when nothing was open under this ref. */
  close(deskRef: string): Promise<StaffHandoff | null>;
  byDeskRef(deskRef: string): Promise<StaffHandoff | null>;
  /** By the number staff see on the desk ("richiesta n. 42"). */
  byId(id: string): Promise<StaffHandoff | null>;
  /** The handoffs a member of staff has taken and not yet handed back. */
  takenBy(by: string): Promise<StaffHandoff[]>;
}
