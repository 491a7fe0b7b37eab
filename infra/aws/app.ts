import { App } from 'aws-cdk-lib';
import { addCommerce } from './commerce-app';

addCommerce(new App());
