/** The Stripe floor: the DynamoDB floor plus a Stripe client, for the functions granted `stripe:secret`. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import Stripe from 'stripe';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const stripe = new Stripe('sk_test_floor');

export const handler = async (): Promise<unknown> => [db.config.region, stripe.paymentIntents];
