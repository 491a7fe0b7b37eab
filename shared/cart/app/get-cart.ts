import type { CartDeps } from './ports';
import { openCart } from './open-cart';
import { cartView } from './cart-view';

/** The cart, priced, for whoever holds its token. */
export const getCart = async (deps: Pick<CartDeps, 'carts' | 'settings' | 'clock'>, cartId: string, token: string | undefined, signedInAs?: string) =>
  cartView(await openCart(deps.carts, cartId, token, signedInAs), deps.settings, deps.clock());
