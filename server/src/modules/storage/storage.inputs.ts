import { Field, InputType, Int } from 'type-graphql';
import { IsInt, Length, Min } from 'class-validator';

@InputType({ description: 'The file a browser is about to upload' })
export class CreateUploadInput {
  @Field({ description: "The file's name on the person's device" })
  @Length(1, 255, { message: 'Give the file name, up to 255 characters.' })
  filename!: string;

  @Field({ description: 'image/png, image/jpeg or image/webp' })
  @Length(1, 100, { message: 'Give the type of the file, such as image/png.' })
  contentType!: string;

  @Field(() => Int, { description: 'Exactly how many bytes the file has' })
  @IsInt({ message: 'Give the size of the file in bytes.' })
  @Min(1, { message: 'The file is empty. Choose an image file.' })
  byteSize!: number;
}
