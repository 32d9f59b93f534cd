import { Entity, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { EvaluationAgency } from '../agencies/agency.entity';
import { Course } from './course.entity';

/**
 * The recorded draw of a class's assessing agency (agency-draw.rules): its inputs exactly as
 * hashed, the seed and the result. Never changed after the approval that made it.
 */
@Entity({ tableName: 'agency_draw' })
export class AgencyDraw {
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Course, { ref: true, unique: true })
  course!: Ref<Course>;

  @Property({ type: 'date' })
  drawnOn!: string;

  /** The procedure's version, e.g. `draw-v1`. */
  @Property({ type: 'string', length: 16 })
  rule!: string;

  /** The inputs' canonical JSON (RFC 8785): the text the seed is the SHA-256 of. */
  @Property({ type: 'text' })
  inputsJson!: string;

  @Property({ type: 'string', length: 64 })
  seed!: string;

  @Property({ type: 'integer' })
  eligibleCount!: number;

  @ManyToOne(() => EvaluationAgency, { ref: true })
  chosenAgency!: Ref<EvaluationAgency>;

  /**
   * Row id of the notice revision whose hash is the beacon (draw-v2: the newest revision in
   * publication order when the draw was recorded); null for draw-v1 draws and when there was
   * none. A plain column, last, so the migration can add it on SQLite as it is declared.
   */
  @Property({ type: 'integer', nullable: true })
  beaconRevisionId?: number | null;
}
