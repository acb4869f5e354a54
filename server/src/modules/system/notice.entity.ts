import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum NoticeLevel {
  INFO = 'INFO',
  WARNING = 'WARNING',
  CRITICAL = 'CRITICAL',
}

registerEnumType(NoticeLevel, { name: 'NoticeLevel', description: 'How urgent a notice is' });

export const NOTICE_MAX_LENGTH = 500;

@ObjectType({ description: 'A message from the operators, broadcast to every connected client' })
@Entity('notices')
export class Notice {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field(() => NoticeLevel)
  @Column({ type: 'enum', enum: NoticeLevel, enumName: 'notice_level' })
  level!: NoticeLevel;

  @Field()
  @Column({ type: 'varchar', length: NOTICE_MAX_LENGTH })
  message!: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
