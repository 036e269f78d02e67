import type { IndexGate } from '../repositories/IndexGate';
import type { IndexSequence } from '../repositories/IndexSequence';

/**
 * Keeps this replica's figures up with the holder index that another replica (the leader) writes: reads the
 * index's change sequence after the last step it followed and tells the gate which persons changed, as the
 * leader's own applied pages do. Runs through the gate, so a reader never sees half of a catch-up.
 */
export class IndexFollower {
  /** The last step followed; null until the first catch-up. */
  private followed: number | null = null;

  constructor(
    private readonly gate: IndexGate,
    private readonly sequence: IndexSequence,
  ) {}

  /** Follows the sequence up to now; true when anything changed. */
  catchUp(): Promise<boolean> {
    return this.gate.exclusive(async () => {
      if (this.followed === null) {
        // Whatever the model holds was read at some earlier moment: read it whole after this step.
        this.followed = await this.sequence.current();
        this.gate.applied('everything');
        return true;
      }
      const change = await this.sequence.since(this.followed);
      if (change.kind === 'none') return false;
      this.followed = change.upTo;
      if (change.kind === 'everything') {
        this.gate.applied('everything');
        return true;
      }
      if (!change.othersSteps) return false;
      // A step with no persons (a county input) still changes the figures.
      if (change.personIds.size) this.gate.applied(change.personIds);
      else this.gate.changed();
      return true;
    });
  }
}
