package com.egain.auth.spring.sample.mvc;

import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;

/**
 * The knowledge API's article search, as an HTTP service interface. Imported into the
 * {@code portal} HTTP service group, so that the starter gives its RestClient the
 * {@code portal} client's base URL and bearer token.
 */
interface ArticleSearch {

	@GetExchange("/knowledge/portalmgr/v4/articles/search")
	ArticleResults search(@RequestParam("q") String q);

}
