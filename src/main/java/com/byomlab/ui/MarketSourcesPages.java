package com.byomlab.ui;

import com.byomlab.market.MarketSources;
import com.byomlab.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Market data sources for administrators: what the collector does, what is stored, what went wrong. */
@Controller
class MarketSourcesPages {

    static final String VIEW = "admin/market";

    private final MarketSources sources;

    MarketSourcesPages(MarketSources sources) {
        this.sources = sources;
    }

    @GetMapping("/admin/market")
    String market(SignedIn me, Model model) {
        if (!me.user().admin()) { // the page chain refuses non-administrators first; this keeps the rule next to the data
            throw new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Only an administrator can see the market data sources.");
        }
        model.addAttribute("market", MarketSourcesView.of(sources.status()));
        return VIEW;
    }
}
