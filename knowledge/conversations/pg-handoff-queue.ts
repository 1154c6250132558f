import type { Lang } from '../../domain/message.js';
import type { Handoff, HandoffDesk, HandoffRequest, LiveHandoff, StaffDesk, StaffHandoff } from '../../domain/ports.js';
import type { Sql } from '../db/database.js';

type Log = { warn(obj: object, msg: string): void };

/**
 * Handoffs kept in the store. With a staff desk (Slack) each one is also posted there; a failing
 * desk never loses the request, which stays in the store for staff tools to pick up.
 */
export class PgHandoffQueue implements Handoff, HandoffDesk {
  private desk: StaffDesk | undefined;

  constructor(
    private readonly db: Sql,
    private readonly logger?: Log,
  ) {}

  /** The desk is a channel (Slack) that itself needs this queue, so it is attached after both exist. */
  useDesk(desk: StaffDesk): void {
    this.desk = desk;
  }

  async request(r: HandoffRequest & { lang?: Lang }): Promise<{ id: string }> {
    const [row] = await this.db.query<{ id: number }>(
      'INSERT INTO handoffs (conversation_id, user_id, channel, reason, contact, summary) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [r.conversationId, r.userId, r.channel, r.reason, r.contact ?? null, r.summary],
    );
    const id = String(row!.id);
    if (this.desk) {
      try {
        const ref = await this.desk.open({ ...r, id });
        await this.db.query('UPDATE handoffs SET desk_ref = $2, updated_at = now() WHERE id = $1', [id, ref]);
      } catch (error) {
        this.logger?.warn({ err: error, handoff: id }, 'handoff kept in the store: the staff desk could not be reached');
      }
    }
    return { id };
  }

  async live(conversationId: string): Promise<LiveHandoff | null> {
    const [row] = await this.db.query<{ id: number; claimed_by: string | null }>(
      "SELECT id, claimed_by FROM handoffs WHERE conversation_id = $1 AND status = 'taken' ORDER BY id DESC LIMIT 1",
      [conversationId],
    );
    return row ? { id: String(row.id), ...(row.claimed_by ? { claimedBy: row.claimed_by } : {}) } : null;
  }

  async relay(handoffId: string, text: string): Promise<void> {
    const [row] = await this.db.query<{ desk_ref: string | null }>('SELECT desk_ref FROM handoffs WHERE id = $1', [handoffId]);
    if (!row?.desk_ref || !this.desk) throw new Error(`handoff ${handoffId} has no staff desk thread to relay to`);
    await this.desk.relay(row.desk_ref, text);
  }

  /** Staff took the handoff: from now on the user's messages go to them. False when already taken or closed. */
  async claim(deskRef: string, by: string): Promise<StaffHandoff | null> {
    const [row] = await this.db.query<HandoffRow>(
      `UPDATE handoffs SET status = 'taken', claimed_by = $2, updated_at = now() WHERE desk_ref = $1 AND status = 'open' RETURNING ${COLUMNS}`,
      [deskRef, by],
    );
    return row ? toRecord(row) : null;
  }

  /** Staff handed the user back to the assistant. */
  async close(deskRef: string): Promise<StaffHandoff | null> {
    const [row] = await this.db.query<HandoffRow>(
      `UPDATE handoffs SET status = 'closed', updated_at = now() WHERE desk_ref = $1 AND status <> 'closed' RETURNING ${COLUMNS}`,
      [deskRef],
    );
    return row ? toRecord(row) : null;
  }

  async byDeskRef(deskRef: string): Promise<StaffHandoff | null> {
    const [row] = await this.db.query<HandoffRow>(`SELECT ${COLUMNS} FROM handoffs WHERE desk_ref = $1`, [deskRef]);
    return row ? toRecord(row) : null;
  }

  /** By the number staff see on the desk ("richiesta n. 42"). */
  async byId(id: string): Promise<StaffHandoff | null> {
    if (!/^\d{1,12}$/.test(id)) return null;
    const [row] = await this.db.query<HandoffRow>(`SELECT ${COLUMNS} FROM handoffs WHERE id = $1`, [id]);
    return row ? toRecord(row) : null;
  }

  /** The handoffs a member of staff has taken and not yet handed back. */
  async takenBy(by: string): Promise<StaffHandoff[]> {
    const rows = await this.db.query<HandoffRow>(`SELECT ${COLUMNS} FROM handoffs WHERE claimed_by = $1 AND status = 'taken' ORDER BY id`, [by]);
    return rows.map(toRecord);
  }
}

const COLUMNS = 'id, conversation_id, user_id, channel, status, claimed_by, desk_ref';
interface HandoffRow {
  id: number;
  conversation_id: string | null;
  user_id: string | null;
  channel: string;
  status: StaffHandoff['status'];
  claimed_by: string | null;
  desk_ref: string | null;
}
const toRecord = (r: HandoffRow): StaffHandoff => ({ id: String(r.id), conversationId: r.conversation_id, userId: r.user_id, channel: r.channel, status: r.status, claimedBy: r.claimed_by, deskRef: r.desk_ref });
